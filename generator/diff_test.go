package generator_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator"
)

func lines(n int, edit map[int]string) []byte {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if s, ok := edit[i]; ok {
			if s != "" {
				b.WriteString(s + "\n")
			}
			continue
		}
		b.WriteString("line " + string(rune('a'+i-1)) + "\n")
	}
	return []byte(b.String())
}

func TestUnifiedDiff(t *testing.T) {
	old := lines(20, nil)
	tests := []struct {
		name string
		c    generator.Change
		want string
	}{{
		name: "one changed line, removal first",
		c:    generator.Change{Path: "x.go", Old: old, New: lines(20, map[int]string{10: "line TEN"})},
		want: `--- a/x.go
+++ b/x.go
@@ -7,7 +7,7 @@
 line g
 line h
 line i
-line j
+line TEN
 line k
 line l
 line m
`,
	}, {
		name: "two changes far apart make two hunks",
		c:    generator.Change{Path: "x.go", Old: old, New: lines(20, map[int]string{2: "", 19: "line S\nline S2"})},
		want: `--- a/x.go
+++ b/x.go
@@ -1,5 +1,4 @@
 line a
-line b
 line c
 line d
 line e
@@ -16,5 +15,6 @@
 line p
 line q
 line r
-line s
+line S
+line S2
 line t
`,
	}, {
		name: "close changes share a hunk",
		c:    generator.Change{Path: "x.go", Old: old, New: lines(20, map[int]string{5: "line E", 10: "line J"})},
		want: `--- a/x.go
+++ b/x.go
@@ -2,12 +2,12 @@
 line b
 line c
 line d
-line e
+line E
 line f
 line g
 line h
 line i
-line j
+line J
 line k
 line l
 line m
`,
	}, {
		name: "new file",
		c:    generator.Change{Path: "n.go", New: []byte("package n\n\nvar x = 1\n")},
		want: `--- /dev/null
+++ b/n.go
@@ -0,0 +1,3 @@
+package n
+
+var x = 1
`,
	}, {
		name: "stale file",
		c:    generator.Change{Path: "s.go", Old: []byte("package s\n")},
		want: `--- a/s.go
+++ /dev/null
@@ -1,1 +0,0 @@
-package s
`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, generator.UnifiedDiff(tt.c))
		})
	}
}
