// Package streaming is Eddy's Structured Streaming engine: micro-batch
// execution of streaming DataFrames with Spark 3.5's semantics. It is bound
// as streaming in notebook cells for the triggers (streaming.ProcessingTime,
// streaming.Once, streaming.AvailableNow) and registers itself with package
// dataframe at init, which declares the user-facing builder and handle
// types (DataStreamReader, DataStreamWriter, StreamingQuery,
// StreamingQueryManager).
//
// # Execution
//
// Start validates the plan against Spark's output-mode rules
// (validateOutputMode, with Spark's messages), compiles it into stages
// (stage.go: stateless parts run through exec.Execute, stateful operators
// keep state across batches), creates the sources and the sink, and starts
// one goroutine per query, guarded by recover: a panic (for example in a
// foreachBatch function) ends only that query, with a StreamingQueryException
// (QueryException). Each trigger asks every source for its latest offset;
// when data is available, the offsets are logged (offsets/N), the batch is
// read, run and written to the sink, then committed (commits/N and state
// snapshots).
//
// # Sources, sinks, state
//
//   - Sources: rate, socket, csv/json/parquet/text files, kafka.
//   - Sinks: console (through display.Publisher: one display ID per query,
//     updated per batch), memory, foreachBatch, noop, kafka, files.
//   - State: streaming aggregation (complete, update, append with
//     watermark), tumbling and sliding windows, withWatermark (late rows
//     dropped and counted in numRowsDroppedByWatermark), dropDuplicates.
//   - Listener: AddListener registers a StreamingQueryListener-like hook.
//
// # Status
//
// See the TODO list at the end of this comment for what is not done yet.
//
// TODO:
//   - stream-stream joins (rejected with an AnalysisException today).
//   - Kafka batch reads (spark.Read().Format("kafka")) need a reader hook in
//     package dataframe (requested in df-gaps.md).
//   - streaming Limit in append mode.
package streaming
