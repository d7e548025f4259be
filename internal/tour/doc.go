// Package tour runs the README's five-minute tour as a new user would: in a fresh module outside
// this repository, with the README's replace recipe pointing at this checkout, every command
// in order through bash, every file the reader writes written, every file a command writes
// compared with the README, and every "# …" output under a command checked; then, in the same
// module, the "Your own code" section: its endpoints replace the spec's, its Go file (hooks and
// a handler action) is written beside main.go, and its commands regenerate, serve and call
// them. The README is the only copy of the tour: change it there, and this test follows.
package tour
