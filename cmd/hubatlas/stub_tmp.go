package main

import (
	"context"
	"io"
)

func runValidate(ctx context.Context, args []string, stdout, stderr io.Writer) error { return nil }
func runList(ctx context.Context, args []string, stdout, stderr io.Writer) error     { return nil }
