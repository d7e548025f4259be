package emit

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/dave/jennifer/jen"
)

// rendered is one file as a renderAll worker finished it, for Stream's writer.
type rendered struct {
	name string
	src  []byte
	err  error
}

// renderAll builds and renders the Go files on every CPU: building the jennifer trees and
// formatting them is nearly all of generation's time, and the files are independent. The
// result does not depend on the order in which the workers finish, and the error reported
// is that of the first failing file by name, as a serial loop would report it. When done is
// not nil, each file is also sent on it as soon as it is rendered, and done is closed once
// all are.
func renderAll(files map[string]func() *jen.File, specFile string, done chan<- rendered) (map[string][]byte, error) {
	names := sortedKeys(files)
	srcs := make([][]byte, len(names))
	errs := make([]error, len(names))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Go(func() {
			var bufs renderBuffers
			for {
				i := int(next.Add(1)) - 1
				if i >= len(names) {
					return
				}
				srcs[i], errs[i] = renderWith(files[names[i]](), specFile, &bufs)
				if done != nil {
					done <- rendered{name: names[i], src: srcs[i], err: errs[i]}
				}
			}
		})
	}
	wg.Wait()
	if done != nil {
		close(done)
	}
	out := make(map[string][]byte, len(names))
	for i, name := range names {
		if errs[i] != nil {
			return nil, fmt.Errorf("emit %s: %w", name, errs[i])
		}
		out[name] = srcs[i]
	}
	return out, nil
}
