package symbols

// Symbol tables of Eddy's packages bound in cells, and the doc table behind
// Inspect. Binding one more package is one line in the first group (and one
// in kernel/interp's prelude table); adding it to the gendocs line documents
// it.

//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract -name symbols github.com/eddykernel/eddy/display
//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract -name symbols github.com/eddykernel/eddy/dataframe
//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract -name symbols github.com/eddykernel/eddy/dataframe/functions
//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract -name symbols github.com/eddykernel/eddy/dataframe/types
//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract -name symbols github.com/eddykernel/eddy/dataframe/sqltypes
//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract -name symbols github.com/eddykernel/eddy/streaming
//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract -name symbols github.com/eddykernel/eddy/streaming/broker github.com/eddykernel/eddy/streaming/producer

//go:generate go run ./internal/gendocs -o docs_generated.go -override generic/slices.go.txt -override generic/maps.go.txt github.com/eddykernel/eddy/display github.com/eddykernel/eddy/dataframe github.com/eddykernel/eddy/dataframe/functions github.com/eddykernel/eddy/dataframe/types github.com/eddykernel/eddy/dataframe/sqltypes github.com/eddykernel/eddy/streaming github.com/eddykernel/eddy/streaming/broker github.com/eddykernel/eddy/streaming/producer fmt strings strconv time math sort os errors slices maps
