// Command vsfloor sends a fixed number of requests of one of the three routes that
// ../shared/bench/vs-floor compares, one after another on one kept-alive connection, and
// fails on any answer but 200. run.sh drives the generated store and the hand-written floor
// with it under callgrind, so that their instruction counts per request can be compared on a
// machine whose load makes wall-clock figures meaningless.
//
//	go run ./internal/vsfloor -addr 127.0.0.1:18182 -route me -n 1000 -token "$ALICE"
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18182", "server address")
	route := flag.String("route", "me", "verify, me or products")
	n := flag.Int("n", 1000, "requests to send")
	token := flag.String("token", "", "access token (alice's)")
	flag.Parse()
	if *token == "" {
		log.Fatal("vsfloor: -token is required")
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
	newRequest := func() *http.Request {
		var r *http.Request
		switch *route {
		case "verify":
			r, _ = http.NewRequest(http.MethodPost, "http://"+*addr+"/auth/jwt/verify/",
				strings.NewReader(`{"token":"`+*token+`"}`))
			r.Header.Set("Content-Type", "application/json")
		case "me":
			r, _ = http.NewRequest(http.MethodGet, "http://"+*addr+"/auth/users/me/", nil)
			r.Header.Set("Authorization", "Bearer "+*token)
		case "products":
			r, _ = http.NewRequest(http.MethodGet, "http://"+*addr+"/store/products/", nil)
			r.Header.Set("Authorization", "Bearer "+*token)
		default:
			log.Fatalf("vsfloor: unknown route %q: want verify, me or products", *route)
		}
		return r
	}
	for i := 0; i < *n; i++ {
		resp, err := client.Do(newRequest())
		if err != nil {
			log.Fatalf("vsfloor: %s request %d: %v", *route, i, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			log.Fatalf("vsfloor: %s request %d: %d %s %v", *route, i, resp.StatusCode, body, err)
		}
	}
	fmt.Printf("%s: %d requests answered 200\n", *route, *n)
}
