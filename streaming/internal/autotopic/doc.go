// Package autotopic writes Kafka messages to topics that the broker creates
// on first use. A real Apache Kafka broker answers the metadata request that
// auto-creates a topic with UNKNOWN_TOPIC_OR_PARTITION (or
// LEADER_NOT_AVAILABLE) until the new topic has a leader, and kafka-go's
// Writer returns that answer at once; Kafka's own producer waits for the
// metadata instead (up to max.block.ms). Write waits in the same way.
package autotopic
