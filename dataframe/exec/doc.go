// Package exec runs resolved logical plans (package plan) over Arrow record
// batches. Every operator is vectorized: expressions evaluate column-wise
// (package expr), filters and takes use Arrow's selection kernels, and the
// hash aggregation, hash join, sort and distinct kernels, which Arrow v15
// lacks, are written here over typed column slices.
//
// Aggregation is split into partial (AggState.Update, per batch), merge
// (AggState.Merge) and final (AggState.Final) steps; its state can be
// serialized (AggState.MarshalBinary), so that the streaming engine can keep
// it across micro-batches and in checkpoints. Execute runs the same plan any
// number of times; Env.Sources supplies each streaming leaf's micro-batch.
package exec
