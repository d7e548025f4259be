package apptest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// Client sends JSON requests to a served app as one caller, for the tests that walk an app's
// routes over real HTTP as a client would.
type Client struct {
	T     testing.TB
	Base  string // the server's URL
	Token string // sent as "Authorization: Bearer …" when set
}

// Do sends a request (body, when not nil, as JSON) and returns the status and the JSON
// answered, decoded (nil for an empty body).
func (c Client) Do(method, path string, body any) (int, any) {
	c.T.Helper()
	var in io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		require.NoError(c.T, err)
		in = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, c.Base+path, in)
	require.NoError(c.T, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(c.T, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(c.T, err)
	var out any
	if len(raw) > 0 {
		require.NoError(c.T, json.Unmarshal(raw, &out), "%s %s: %s", method, path, raw)
	}
	return resp.StatusCode, out
}

// Want is Do that requires the status, returning the JSON object answered; nil for an empty
// body or one that is not an object.
func (c Client) Want(status int, method, path string, body any) map[string]any {
	c.T.Helper()
	got, out := c.Do(method, path, body)
	require.Equal(c.T, status, got, "%s %s: %v", method, path, out)
	m, _ := out.(map[string]any)
	return m
}
