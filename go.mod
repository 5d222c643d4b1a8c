module github.com/eddykernel/eddy

go 1.26.8
