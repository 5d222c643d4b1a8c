//go:build ignore

// gen draws Eddy's kernelspec logos: a teal disc with a white swirl (an
// eddy), at 32x32 and 64x64. Run with `go generate ./cmd/eddy`.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
)

func main() {
	out := flag.String("out", ".", "output directory")
	flag.Parse()
	for _, size := range []int{32, 64} {
		if err := write(filepath.Join(*out, fmt.Sprintf("logo-%dx%d.png", size, size)), draw(size)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

func draw(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	teal := color.NRGBA{0x00, 0x7d, 0x9c, 0xff} // Go blue-teal
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	c := float64(size) / 2
	r := c - 0.5
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			dx, dy := float64(x)+0.5-c, float64(y)+0.5-c
			d := math.Hypot(dx, dy)
			if d > r {
				continue
			}
			// Archimedean spiral: a pixel is on the swirl when its radius is
			// close to a*(theta + 2πk).
			theta := math.Atan2(dy, dx)
			if theta < 0 {
				theta += 2 * math.Pi
			}
			a := r / (2.6 * 2 * math.Pi)
			on := false
			for k := 0.0; k < 3; k++ {
				if math.Abs(d-a*(theta+2*math.Pi*k)) < float64(size)/22 && d > float64(size)/16 && d < r*0.85 {
					on = true
				}
			}
			if on {
				img.SetNRGBA(x, y, white)
			} else {
				img.SetNRGBA(x, y, teal)
			}
		}
	}
	return img
}

func write(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
