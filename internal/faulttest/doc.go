// Package faulttest holds the load and fault suites of hubatlas: tests
// that build the real binary, start `hubatlas serve` on a free loopback
// port as a process of its own (so that its RSS, file descriptors, signals
// and exit code are its own), and then load it, starve it, overload it,
// stop it and feed it hostile data.
//
// The long suites skip under go test -short; the README's `go test ./...`
// and .ci/run run them all. Every test is bounded: each server is killed
// at the end of its test, and every client has a timeout.
package faulttest
