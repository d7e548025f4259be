package emit

import (
	"bytes"
	"go/format"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestGofmt holds gofmt to go/format.Source: on source as jennifer writes it (unindented,
// unaligned, imports out of order, number literals gofmt rewrites), on every Go file of the
// repository's specs (every field type among them), and on errors.
func TestGofmt(t *testing.T) {
	var out bytes.Buffer
	same := func(src []byte) {
		t.Helper()
		want, wantErr := format.Source(src)
		got, err := gofmt(&out, src)
		if wantErr != nil {
			require.Error(t, err)
			return
		}
		require.NoError(t, err)
		require.Equal(t, string(want), string(got))
	}
	same([]byte("package p\nimport (\n\"os\"\n\"fmt\"\n)\n// T is.\ntype T struct{\nA int `json:\"a\"`\nLonger string // c\n}\nvar x = 0X1F + 1E3 + 0O7 + 0b1\nfunc f(){fmt.Println(os.Args, x)\n}\n"))
	same([]byte("package p\nfunc f() {"))
	same([]byte("not go"))

	for _, app := range specs(t) {
		for name, build := range goFiles(app) {
			var raw bytes.Buffer
			f := build()
			f.NoFormat = true
			require.NoError(t, f.Render(&raw), name)
			same(tidy(nil, raw.Bytes()))
		}
	}
}
