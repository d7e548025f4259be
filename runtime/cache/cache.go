// Package cache opens the cache that several instances of an app share, named by
// CACHE_URL: counters (throttling, log-in failures) and anything else that must agree
// across instances live there.
//
// # URLs
//
//	""  or memory://                 no shared cache: each instance keeps its own state
//	redis://[user:pass@]host:port/db   Redis (rediss:// for TLS), e.g. redis://127.0.0.1:6379/0
//
// Open checks the connection once, so a wrong URL stops start-up with a clear error instead
// of failing the first request.
package cache

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Open returns the Redis client CACHE_URL names, or nil for the in-process cache.
func Open(ctx context.Context, url string) (*Client, error) {
	switch {
	case url == "" || url == "memory://":
		return nil, nil
	case strings.HasPrefix(url, "redis://") || strings.HasPrefix(url, "rediss://"):
	default:
		return nil, fmt.Errorf("CACHE_URL %q: want redis://host:port/db, rediss://…, or memory://", redact(url))
	}
	client, err := newClient(url)
	if err != nil {
		return nil, fmt.Errorf("CACHE_URL %q: %w", redact(url), err)
	}
	ping, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := client.Ping(ping); err != nil {
		client.Close()
		return nil, fmt.Errorf("CACHE_URL %q: %w", redact(url), err)
	}
	return client, nil
}

// redact hides the password of a URL in messages.
func redact(url string) string {
	scheme, rest, ok := strings.Cut(url, "://")
	if !ok {
		return url
	}
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		if user, _, hasPass := strings.Cut(rest[:at], ":"); hasPass {
			return scheme + "://" + user + ":***@" + rest[at+1:]
		}
	}
	return url
}
