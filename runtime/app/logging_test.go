package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// slogText is the line slog's text handler writes for the record of l.
func slogText(t testing.TB, l *requestLine) string {
	var out bytes.Buffer
	h := slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug})
	require.NoError(t, h.Handle(context.Background(), l.record()))
	return out.String()
}

// oddStrings are values a method, route or path can hold that slog quotes, or nearly does.
var oddStrings = []string{
	"", "GET", "GET /auth/users/me/{$}", "/a b/", "/a=b/", `/"q"/`, `/back\slash/`, "/tab\t/", "/nl\n/",
	"/del\x7f/", "/nul\x00/", "/é/", "/\u00a0nbsp/", "/\u2028/", "/\u200b/", "/\xff/", "/\xc3/", "/\ufffd/",
	"/日本/", "/emoji😀/", "/%20/", "/~!@#$%^&*()_+`-[]{}|;':,./<>?/", "PROPFIND", "/\u0085/", "/\u3000/",
}

// TestRequestLineAsSlog: the request line written directly is byte for byte what slog's
// text handler writes for its record, on odd strings, levels, durations, ids and times.
func TestRequestLineAsSlog(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("", -(3*3600 + 30*60)), time.FixedZone("X", 5*3600+45*60), time.Local}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		l := requestLine{
			time:     time.Unix(r.Int64N(4e9)-1e9, r.Int64N(1e9)).In(zones[i%len(zones)]),
			level:    []slog.Level{slog.LevelInfo, slog.LevelError, slog.LevelWarn, slog.LevelDebug}[i%4],
			method:   oddStrings[r.IntN(len(oddStrings))],
			route:    oddStrings[r.IntN(len(oddStrings))],
			path:     oddStrings[r.IntN(len(oddStrings))] + oddStrings[r.IntN(len(oddStrings))],
			status:   r.IntN(1000) - 100,
			duration: time.Duration(r.Int64N(1e13) - 1e12),
			userID:   r.Int64() - r.Int64(),
			hasUser:  i%3 == 0,
		}
		if i%50 == 0 {
			l.time = l.time.Add(time.Duration(-l.time.Nanosecond())) // on the second
		}
		if i%7 == 0 {
			l.time = time.Now() // with a monotonic reading
		}
		require.Equal(t, slogText(t, &l), string(l.appendText(nil)), "%+v", l)
	}
}

// TestAppendTextStringByTable: the table's way of quoting is textNeedsQuoting then
// strconv's, for every string of one and two bytes and for the odd strings.
func TestAppendTextStringByTable(t *testing.T) {
	slow := func(s string) string {
		if textNeedsQuoting(s) {
			return strconv.Quote(s)
		}
		return s
	}
	cases := append([]string{""}, oddStrings...)
	for a := range 256 {
		cases = append(cases, string([]byte{byte(a)}))
		for b := range 256 {
			cases = append(cases, string([]byte{byte(a), byte(b)}))
		}
	}
	for _, s := range cases {
		require.Equal(t, slow(s), string(appendTextString(nil, s)), "%q", s)
	}
}

// TestRFC3339MillisBySecond: the time written from the second's text and the milliseconds
// is slog's, for times following one another within and across seconds, alternating
// zones (a zone's change of offset among them), with lines written concurrently.
func TestRFC3339MillisBySecond(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("", -(3*3600 + 30*60)), time.FixedZone("", -(3*3600 + 30*60)), time.Local}
	if paris, err := time.LoadLocation("Europe/Paris"); err == nil {
		zones = append(zones, paris)
	}
	starts := []time.Time{
		time.Date(2026, 3, 29, 0, 59, 58, 0, time.UTC),  // Paris moves to summer time at 01:00 UTC
		time.Date(2026, 10, 25, 0, 59, 59, 0, time.UTC), // and back
		time.Date(1969, 12, 31, 23, 59, 59, 998_000_000, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), // into a year slog writes oddly
		time.Date(-1, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Now(),
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 3))
			for _, start := range starts {
				tm := start
				for range 400 {
					tm = tm.Add(time.Duration(r.Int64N(int64(30 * time.Millisecond))))
					in := tm.In(zones[r.IntN(len(zones))])
					if got, want := string(appendRFC3339Millis(nil, in)), string(formatRFC3339Millis(nil, in)); got != want {
						t.Errorf("%v: %s, slog's %s", in, got, want)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

func FuzzRequestLineAsSlog(f *testing.F) {
	for _, s := range oddStrings {
		f.Add("GET", s, s, 200, int64(12345), int64(1), int64(1764900000123456789))
	}
	f.Fuzz(func(t *testing.T, method, route, path string, status int, d, id, ns int64) {
		l := requestLine{time: time.Unix(0, ns).UTC(), level: slog.LevelInfo, method: method, route: route, path: path,
			status: status, duration: time.Duration(d), userID: id, hasUser: id%2 == 0}
		require.Equal(t, slogText(t, &l), string(l.appendText(nil)))
	})
}

// lockedBuffer is an io.Writer that records each write.
type lockedBuffer struct {
	mu     sync.Mutex
	writes []string
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.writes = append(b.writes, string(p))
	return len(p), nil
}

func (b *lockedBuffer) all() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return strings.Join(b.writes, "")
}

func (b *lockedBuffer) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.writes)
}

// TestLogSinkOrderAndPromptness: request lines wait at most the delay; any other line, or a
// line asked for now, goes out at once after the buffered ones; a full buffer and Close
// write out; after Close lines are written as they come.
func TestLogSinkOrderAndPromptness(t *testing.T) {
	out := &lockedBuffer{}
	s := newLogSink(out, time.Hour, 64)
	s.writeLine([]byte("r1\n"), false)
	s.writeLine([]byte("r2\n"), false)
	require.Equal(t, 0, out.count(), "buffered")
	_, err := s.Write([]byte("other\n"))
	require.NoError(t, err)
	require.Equal(t, []string{"r1\nr2\n", "other\n"}, out.writes, "in order, the buffer first")
	s.writeLine([]byte("r3\n"), false)
	s.writeLine([]byte("5xx\n"), true)
	require.Equal(t, "r1\nr2\nother\nr3\n5xx\n", out.all())
	s.writeLine([]byte(strings.Repeat("x", 63)+"\n"), false)
	require.Equal(t, 4, out.count(), "a full buffer is written out")
	s.writeLine([]byte("r4\n"), false)
	require.NoError(t, s.Close())
	require.True(t, strings.HasSuffix(out.all(), "r4\n"), "Close writes out")
	s.writeLine([]byte("late\n"), false)
	require.True(t, strings.HasSuffix(out.all(), "late\n"), "after Close, at once")

	prompt := &lockedBuffer{}
	s = newLogSink(prompt, 5*time.Millisecond, 1<<16)
	defer s.Close()
	s.writeLine([]byte("r\n"), false)
	require.Eventually(t, func() bool { return prompt.all() == "r\n" }, time.Second, time.Millisecond, "within the delay")
	s.writeLine([]byte("again\n"), false)
	require.Eventually(t, func() bool { return prompt.all() == "r\nagain\n" }, time.Second, time.Millisecond, "the timer rearms")
}

// TestLogSinkKeepsLinesWhole: concurrent request lines, other lines and flushes leave every
// line whole and each writer's lines in its order.
func TestLogSinkKeepsLinesWhole(t *testing.T) {
	out := &lockedBuffer{}
	s := newLogSink(out, time.Millisecond, 512)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				line := fmt.Appendf(nil, "g%d %d %s\n", g, i, strings.Repeat("y", i%40))
				switch i % 10 {
				case 0:
					_, _ = s.Write(line)
				case 1:
					s.writeLine(line, true)
				default:
					s.writeLine(line, false)
				}
			}
		}()
	}
	wg.Wait()
	require.NoError(t, s.Close())
	next := map[string]int{}
	lines := strings.Split(strings.TrimSuffix(out.all(), "\n"), "\n")
	require.Len(t, lines, 8*500)
	for _, l := range lines {
		var g string
		var i int
		var ys string
		n, _ := fmt.Sscanf(l, "%s %d %s", &g, &i, &ys)
		require.GreaterOrEqual(t, n, 2, l)
		require.Equal(t, next[g], i, "%s in order", g)
		require.Equal(t, strings.Repeat("y", i%40), ys, l)
		next[g]++
	}
}

// BenchmarkRequestLine: the line written directly against slog's text handler.
func BenchmarkRequestLine(b *testing.B) {
	l := requestLine{time: time.Now(), level: slog.LevelInfo, method: "GET", route: "GET /auth/users/me/{$}",
		path: "/auth/users/me/", status: 200, duration: 41234 * time.Nanosecond, userID: 1, hasUser: true}
	b.Run("direct", func(b *testing.B) {
		b.ReportAllocs()
		s := newLogSink(io.Discard, time.Hour, 64<<10)
		for b.Loop() {
			var buf [256]byte
			s.writeLine(l.appendText(buf[:0]), false)
		}
	})
	b.Run("slog", func(b *testing.B) {
		b.ReportAllocs()
		h := slog.NewTextHandler(io.Discard, nil)
		for b.Loop() {
			_ = h.Handle(context.Background(), l.record())
		}
	})
}
