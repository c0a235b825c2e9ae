//go:build !linux

package assets

func releasePages(string) {}
