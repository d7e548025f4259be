package app_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/db"
)

// HTTP_SERVER picks serve's server: httpserve by default, which refuses a folded header line
// that net/http joins; net/http's, which also speaks HTTP/2 with prior knowledge.
func TestServeHTTPServer(t *testing.T) {
	folded := "GET /shop/ping/ HTTP/1.1\r\nHost: a\r\nX-Folded: one\r\n two\r\nConnection: close\r\n\r\n"
	for _, tc := range []struct {
		setting string
		status  int // of the folded request
		h2      bool
	}{{"", http.StatusBadRequest, false}, {"httpserve", http.StatusBadRequest, false}, {"net/http", http.StatusOK, true}} {
		t.Run(tc.setting, func(t *testing.T) {
			r := newRun(t, db.SQLite)
			r.env["DATABASE_URL"] = "sqlite://" + filepath.Join(t.TempDir(), "shop.db")
			r.env["HTTP_SERVER"] = tc.setting
			addr, stop := r.serveAt(t)
			defer stop()
			resp, err := http.Get("http://" + addr + "/shop/ping/")
			require.NoError(t, err)
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			require.Equal(t, "pong", string(body))

			c, err := net.Dial("tcp", addr)
			require.NoError(t, err)
			defer c.Close()
			_, err = io.WriteString(c, folded)
			require.NoError(t, err)
			resp, err = http.ReadResponse(bufio.NewReader(c), nil)
			require.NoError(t, err)
			require.Equal(t, tc.status, resp.StatusCode)

			var protocols http.Protocols
			protocols.SetUnencryptedHTTP2(true)
			h2 := &http.Client{Transport: &http.Transport{Protocols: &protocols}}
			resp, err = h2.Get("http://" + addr + "/shop/ping/")
			if !tc.h2 {
				require.Error(t, err, "HTTP/2 with prior knowledge")
				return
			}
			require.NoError(t, err)
			resp.Body.Close()
			require.Equal(t, "HTTP/2.0", resp.Proto)
		})
	}
}

func TestServeUnknownHTTPServer(t *testing.T) {
	r := newRun(t, db.SQLite)
	r.env["DATABASE_URL"] = "sqlite://" + filepath.Join(t.TempDir(), "shop.db")
	r.env["HTTP_SERVER"] = "nginx"
	code, _, stderr := r.cmd("serve")
	require.Equal(t, 1, code)
	require.Contains(t, stderr, "HTTP_SERVER=nginx: want httpserve (the default) or net/http")
}
