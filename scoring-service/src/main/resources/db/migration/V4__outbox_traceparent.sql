-- The W3C traceparent of the span that wrote the event (a unit's request, say), null outside any trace. The relay
-- sends the event in a child span of it and the record carries that span's traceparent as ce_traceparent (the
-- CloudEvents distributed-tracing extension), so the event continues the trace of the change it announces.
-- TEXT: a traceparent of version 00 is 55 characters, and later versions may add fields.
ALTER TABLE outbox_event ADD COLUMN traceparent TEXT;
