package generator

import (
	"os"
	"runtime/debug"
)

// MemoryLimit is the heap the authgen command lets a generation grow to before the
// collector runs (debug.SetMemoryLimit), with the percentage target off.
//
// Generation is a short batch that allocates twenty times its live heap: for a thousand
// models, about 800 MB of allocations over a live heap of a few tens of MB (the model and the
// files done so far). Collecting is wasted work for a process that exits a second later, and
// at Go's default target of 100 it ran thirty times and cost a tenth of the CPU or more; at
// 400 (the setting before this one) it still ran about eight times. With the target off and
// a limit, an app of fewer than a few hundred models allocates less than the limit and never
// collects, and a larger one collects once per 512 MB allocated, each time nearly all of it
// garbage: the live heap stays a small part of the limit (a tenth for a thousand models), far
// from the point where the collector would run back to back. The price is memory: a large
// app's generation holds up to the limit, against 250 MB at 400 for a thousand models.
// GOGC or GOMEMLIMIT in the environment still win (see TuneGC).
const MemoryLimit = 512 << 20

// TuneGC sets the collector for a generation, as the authgen command runs and the generation
// benchmarks measure it: the percentage target off and MemoryLimit, unless GOGC or GOMEMLIMIT
// is set, in which case the user's choice stands as the runtime read it. It returns a
// function that puts the previous settings back.
func TuneGC() (restore func()) {
	_, gogc := os.LookupEnv("GOGC")
	_, limit := os.LookupEnv("GOMEMLIMIT")
	if gogc || limit {
		return func() {}
	}
	percent := debug.SetGCPercent(-1)
	previous := debug.SetMemoryLimit(MemoryLimit)
	return func() {
		debug.SetMemoryLimit(previous)
		debug.SetGCPercent(percent)
	}
}
