package symbols

// Symbol tables of Eddy's packages bound in cells. Binding one more package
// is one line here (and one in kernel/interp's prelude table).

//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract -name symbols github.com/eddykernel/eddy/display
