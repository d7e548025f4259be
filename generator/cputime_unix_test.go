//go:build unix

package generator_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system, every thread) the process has used: on a busy
// machine it measures the generator's work where wall time measures the neighbours too.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
