package httpx

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

var jsonBodies = []string{
	`{"token":"abc.def.ghi"}`, `{}`, ` { "a" : 1 , "b" : [1, {"c": "}"}] , "a": "again" } `,
	`{"\u0061":"x","a\"b":null,"k\\":true,"é":false,"\xff":1.5e3}`, `{"nested":{"x":{"y":[[],{}]}}}`,
	`null`, `[]`, `"s"`, `12`, `{"a":1,}`, `{"a":1}{"b":2}`, `{"a":1} `, "{\"a\":\"\xff\"}", ``,
}

// TestObjectMembersIsUnmarshals: a JSON object read member by member is the Body
// json.Unmarshal decodes, and what is not an object is left to json.Unmarshal.
func TestObjectMembersIsUnmarshals(t *testing.T) {
	for _, b := range jsonBodies {
		checkObjectMembers(t, []byte(b))
	}
}

func FuzzObjectMembers(f *testing.F) {
	for _, b := range jsonBodies {
		f.Add([]byte(b))
	}
	f.Fuzz(checkObjectMembers)
}

func checkObjectMembers(t *testing.T, b []byte) {
	got, ok := objectMembers(b)
	var want Body
	err := json.Unmarshal(b, &want)
	if !ok {
		require.True(t, err != nil || want == nil, "%q: refused, but json.Unmarshal reads %v", b, want)
		return
	}
	require.NoError(t, err, "%q", b)
	require.Equal(t, want, got, "%q", b)
}
