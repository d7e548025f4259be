//go:build !unix

package generator_test

import "time"

// cpuTime is not measured here; the benchmark then reports wall time only.
func cpuTime() (time.Duration, bool) { return 0, false }
