// Package display is Eddy's rich-output layer.
//
// Code that wants to show something (a cell calling display(v), a DataFrame
// rendering itself, a streaming console sink drawing its live table) talks to
// a Publisher. The Jupyter kernel implements Publisher by sending
// display_data, update_display_data and clear_output messages to the cell that
// owns the output; a plain Go program gets the Stdout publisher, which prints
// the text/plain form of everything it is given.
//
// A value whose display keeps changing (a running streaming query's status
// card) implements Live: shown as a cell's last value or through display(v),
// it opens displays with display IDs and keeps updating them in place.
//
// The dataframe and streaming packages depend on this package, never on the
// kernel, so the dependency arrows stay kernel → streaming → dataframe →
// display.
package display
