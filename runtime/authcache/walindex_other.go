//go:build !unix

package authcache

// openWALIndex: no mapping here; the watch reads PRAGMA data_version.
func openWALIndex(string) (*walIndex, error) { return nil, errNoWALIndex }

func (x *walIndex) close() {}
