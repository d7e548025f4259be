package model_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator/model"
	"github.com/authgen/authgen/runtime/view"
)

// TestPromotedMembers holds model.PromotedMembers to view.Base: a generated method named
// like one of Base's would shadow it, so the namespace of API must hold every one.
func TestPromotedMembers(t *testing.T) {
	var want []string
	base := reflect.TypeOf(&view.Base{})
	for i := range base.NumMethod() {
		want = append(want, base.Method(i).Name)
	}
	for i := range base.Elem().NumField() {
		if f := base.Elem().Field(i); f.IsExported() {
			want = append(want, f.Name)
		}
	}
	slices.Sort(want)
	require.Equal(t, want, model.PromotedMembers)
}
