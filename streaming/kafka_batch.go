package streaming

import (
	"context"
	"strings"

	"github.com/eddykernel/eddy/dataframe"
	"github.com/eddykernel/eddy/dataframe/plan"
)

func init() { dataframe.BatchReaders["kafka"] = readKafkaBatch }

// readKafkaBatch is spark.Read().Format("kafka").Load(): the records
// between startingOffsets (default earliest) and endingOffsets (default
// latest), with the streaming source's schema.
func readKafkaBatch(s *dataframe.Session, opts map[string]string, schema *dataframe.StructType) (*dataframe.DataFrame, error) {
	o := newOptions(opts)
	if schema != nil {
		return nil, analysis("Kafka source has a fixed schema and cannot be set with a custom one")
	}
	if !o.has("startingOffsets") {
		o["startingoffsets"] = "earliest"
	}
	if strings.EqualFold(o.get("startingOffsets", ""), "latest") {
		return nil, illegalArgument("starting offset can't be latest for batch queries on Kafka")
	}
	ending := strings.TrimSpace(o.get("endingOffsets", "latest"))
	if strings.EqualFold(ending, "earliest") {
		return nil, illegalArgument("ending offset can't be earliest for batch queries on Kafka")
	}
	if !strings.EqualFold(ending, "latest") && !strings.HasPrefix(ending, "{") {
		return nil, illegalArgument("endingOffsets can only be 'latest' or a JSON string, but was %s", ending)
	}
	if err := validateKafkaSource(o); err != nil {
		return nil, err
	}
	headers, _ := o.bool("includeHeaders", false)
	spec := &sourceSpec{format: "kafka", opts: o, schema: kafkaSchema(headers)}
	src, err := newKafkaSource(spec)
	if err != nil {
		return nil, err
	}
	ks := src.(*kafkaSource)
	if err := ks.Open(context.Background()); err != nil {
		return nil, err
	}
	from, err := ks.Initial()
	if err != nil {
		return nil, err
	}
	to, err := ks.Latest(from, false)
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(ending, "{") {
		given, err := parseKafkaOffsets(Offset(ending))
		if err != nil {
			return nil, err
		}
		end, _ := parseKafkaOffsets(to)
		for tp, v := range given {
			if v >= 0 {
				end[tp] = v
			}
		}
		to = end.json()
	}
	recs, err := ks.Batch(from, to)
	if err != nil {
		return nil, err
	}
	return s.NewDataFrame(plan.NewLocalRelation(spec.schema, recs, "kafka")), nil
}
