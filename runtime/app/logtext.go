package app

import (
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"
)

// appendText appends the line as slog's TextHandler writes the record of record() with no
// options but a level: `time=… level=INFO msg=request method=GET route="GET /x/{$}" …`
// and a newline. slog builds each line through its generic attribute machinery, about
// six thousand instructions; this writes the same bytes directly.
func (l *requestLine) appendText(b []byte) []byte {
	b = append(b, "time="...)
	b = appendRFC3339Millis(b, l.time.Round(0))
	b = append(b, " level="...)
	b = appendTextString(b, l.level.String())
	b = append(b, " msg=request method="...)
	b = appendTextString(b, l.method)
	b = append(b, " route="...)
	b = appendTextString(b, l.route)
	b = append(b, " path="...)
	b = appendTextString(b, l.path)
	b = append(b, " status="...)
	b = strconv.AppendInt(b, int64(l.status), 10)
	b = append(b, " duration="...)
	b = append(b, l.duration.String()...)
	if l.hasUser {
		b = append(b, " user_id="...)
		b = strconv.AppendInt(b, l.userID, 10)
	}
	return append(b, '\n')
}

// appendRFC3339Millis is slog's: RFC 3339 with exactly three decimals of the second.
func appendRFC3339Millis(b []byte, t time.Time) []byte {
	const prefixLen = len("2006-01-02T15:04:05.000")
	n := len(b)
	t = t.Truncate(time.Millisecond).Add(time.Millisecond / 10)
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b[:n+prefixLen], b[n+prefixLen+1:]...) // drop the fourth digit
}

// appendTextString appends s as slog's text handler does: as it is, or quoted by strconv
// when it is empty or holds a space, '=', '"', a control character, invalid UTF-8 or a
// character that is not printable or is a space.
func appendTextString(b []byte, s string) []byte {
	if textNeedsQuoting(s) {
		return strconv.AppendQuote(b, s)
	}
	return append(b, s...)
}

// textNeedsQuoting is slog's needsQuoting.
func textNeedsQuoting(s string) bool {
	if len(s) == 0 {
		return true
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// Control characters, space, '"' and '=' are quoted; DEL and a backslash are not.
			if c <= ' ' || c == '"' || c == '=' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return true
		}
		i += size
	}
	return false
}
