// Package wire is Eddy's Jupyter transport: the connection file, the wire
// message of the Jupyter messaging protocol 5.3 (identities, the <IDS|MSG>
// delimiter, the HMAC signature, header, parent header, metadata, content and
// buffers), signing and verification, and the five ZeroMQ sockets a kernel
// listens on.
//
// Decode never panics: a malformed or badly signed message yields an error
// that says what is wrong, and the caller logs and drops it. Sends on each
// socket are serialized. IOPub is served by a PUB socket with one bounded
// queue per subscriber, so a slow or absent frontend never blocks the code
// that publishes output: stream text and display updates are coalesced and,
// when a subscriber falls too far behind, dropped, while status,
// execute_input, execute_result, error and the other control-flow messages
// are always delivered.
//
// The package knows nothing about what the messages mean; package kernel
// dispatches them.
package wire
