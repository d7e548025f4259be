// Package runtime is what generated code links against. This file holds the version
// handshake: generated code carries
//
//	const _ = runtime.EnforceVersion(GenVersion - runtime.MinVersion)
//	const _ = runtime.EnforceVersion(runtime.MaxVersion - GenVersion)
//
// so code generated for a runtime it no longer matches fails to compile with an overflow of
// runtime.EnforceVersion, naming the mismatch, instead of misbehaving at run time.
package runtime

// EnforceVersion is unsigned: a negative constant converted to it does not compile.
type EnforceVersion uint

const (
	// MinVersion is the oldest generated-code version this runtime supports.
	MinVersion = 1
	// MaxVersion is the newest generated-code version this runtime supports.
	MaxVersion = 1
)
