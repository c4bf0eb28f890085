//! The few pieces of the protocol buffers wire format that an ONNX model
//! needs: varints, length-delimited fields and packed 64-bit values
//! (https://protobuf.dev/programming-guides/encoding/). A message is written
//! into a `Message`, and a nested message is a field holding another's bytes.

/// Wire types.
const VARINT: u64 = 0;
const LEN: u64 = 2;

/// A message's bytes, field by field.
#[derive(Default)]
pub struct Message(Vec<u8>);

impl Message {
    pub fn new() -> Message {
        Message::default()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }

    fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.0.push((value as u8 & 0x7f) | 0x80);
            value >>= 7;
        }
        self.0.push(value as u8);
    }

    fn key(&mut self, field: u32, wire_type: u64) {
        self.varint(u64::from(field) << 3 | wire_type);
    }

    /// An integer field (int32, int64, enum), non-negative here.
    pub fn int(&mut self, field: u32, value: u64) -> &mut Message {
        self.key(field, VARINT);
        self.varint(value);
        self
    }

    /// A bytes field.
    pub fn bytes(&mut self, field: u32, bytes: &[u8]) -> &mut Message {
        self.key(field, LEN);
        self.varint(bytes.len() as u64);
        self.0.extend_from_slice(bytes);
        self
    }

    /// A string field.
    pub fn string(&mut self, field: u32, text: &str) -> &mut Message {
        self.bytes(field, text.as_bytes())
    }

    /// A field holding a nested message.
    pub fn message(&mut self, field: u32, message: Message) -> &mut Message {
        self.bytes(field, &message.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_little_endian_groups_of_seven_bits() {
        // The encoding guide's examples: 1 is 0x01, 150 is 0x96 0x01.
        let mut m = Message::new();
        m.int(1, 150);
        assert_eq!(m.into_bytes(), [0x08, 0x96, 0x01]);
        let mut m = Message::new();
        m.int(2, 1).int(1, u64::MAX);
        let bytes = m.into_bytes();
        assert_eq!(bytes[..2], [0x10, 0x01]);
        assert_eq!(bytes.len(), 2 + 1 + 10);
        assert_eq!(bytes[12], 0x01);
    }

    #[test]
    fn strings_and_messages_are_length_delimited() {
        // The guide's example: field 2 = "testing" is 0x12 0x07 then the bytes.
        let mut m = Message::new();
        m.string(2, "testing");
        assert_eq!(m.into_bytes(), b"\x12\x07testing");
        let mut inner = Message::new();
        inner.int(1, 150);
        let mut outer = Message::new();
        outer.message(3, inner);
        assert_eq!(outer.into_bytes(), [0x1a, 0x03, 0x08, 0x96, 0x01]);
    }
}
