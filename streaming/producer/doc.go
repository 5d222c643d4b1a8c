// Package producer holds the demo data producers behind `eddy produce`:
// Rides (rides.csv rows to a Kafka topic, as the seed's Kafka producer),
// Transactions (a TCP server of JSON lines, as the seed's socket producer)
// and Events (an HTTP API that publishes game and bank events to Kafka, as
// the seeds' Flask apps).
package producer
