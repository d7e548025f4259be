package cache_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/redistest"
	"github.com/authgen/authgen/runtime/cache"
)

func TestOpen(t *testing.T) {
	ctx := context.Background()
	for _, url := range []string{"", "memory://"} {
		c, err := cache.Open(ctx, url)
		require.NoError(t, err)
		require.Nil(t, c, "no shared cache")
	}
	_, err := cache.Open(ctx, "memcached://127.0.0.1:11211")
	require.ErrorContains(t, err, "want redis://host:port/db")
	_, err = cache.Open(ctx, "redis://user:hunter2@127.0.0.1:1/0")
	require.ErrorContains(t, err, "user:***@127.0.0.1:1", "an unreachable server fails at once, password hidden")
	require.NotContains(t, err.Error(), "hunter2")

	c, err := cache.Open(ctx, redistest.URL())
	if err != nil {
		redistest.Client(t) // skips, or fails under AUTHGEN_REQUIRE_REDIS=1
	}
	require.NotNil(t, c)
	defer c.Close()
	require.NoError(t, c.Ping(ctx))
}
