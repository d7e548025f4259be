package generator_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
	"github.com/authgen/authgen/generator/emit"
	"github.com/authgen/authgen/generator/model"
	"github.com/authgen/authgen/internal/synthspec"
)

// syntheticSpec is the input of the generation benchmark (see synthspec).
func syntheticSpec(n int) []byte { return synthspec.Spec(n) }

// generate is the whole pipeline short of the disk: parse, validate and resolve, emit, format.
func generate(tb testing.TB, src []byte) map[string][]byte {
	app, errs := model.Load("authgen.yaml", src)
	if err := errs.Err(); err != nil {
		tb.Fatal(err)
	}
	files, _, err := emit.Files(app, emit.History{})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

func TestSyntheticSpec(t *testing.T) {
	files := generate(t, syntheticSpec(10))
	require.Contains(t, files, "thing0010_model.go")
	require.Contains(t, files, "things0010_endpoint.go")
	require.Contains(t, string(files["thing0002_model.go"]), "ParentID")
	// 10 models and 10 endpoints, plus the app's own files.
	require.Len(t, files, 20+len(generate(t, syntheticSpec(1)))-2)
}

// BenchmarkGenerate measures parse + validate + emit + gofmt for specs of 10, 100 and 1,000
// models; ns/op should grow linearly (the target is 1,000 models in under 2 s on 2 cores):
//
//	go test ./generator -run '^$' -bench Generate -benchmem
//
// It runs with the collector's setting of the authgen command, generator.TuneGC (unless GOGC
// or GOMEMLIMIT is set), since that is what a user's generation gets.
func BenchmarkGenerate(b *testing.B) {
	defer generator.TuneGC()()
	for _, n := range []int{10, 100, 1000} {
		src := syntheticSpec(n)
		b.Run(fmt.Sprintf("models=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			var out int
			cpuStart, cpuOK := cpuTime()
			for b.Loop() {
				files := generate(b, src)
				out = 0
				for _, f := range files {
					out += len(f)
				}
			}
			b.ReportMetric(float64(out), "output-bytes")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/model")
			// CPU time over all threads: the figure to read on a busy machine (wall time
			// counts the neighbours' work too), and its ratio to wall time shows the
			// parallelism the 2 cores gave.
			if cpuEnd, ok := cpuTime(); cpuOK && ok {
				b.ReportMetric(float64((cpuEnd-cpuStart).Nanoseconds())/float64(b.N), "cpu-ns/op")
			}
		})
	}
}
