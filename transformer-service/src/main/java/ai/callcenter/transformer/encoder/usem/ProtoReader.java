package ai.callcenter.transformer.encoder.usem;

/** Just enough protobuf wire format to walk a SentencePiece {@code ModelProto}: no generated classes needed. */
final class ProtoReader {

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    /** Called for each length-delimited or 32-bit field: where its bytes start and how many there are. */
    @FunctionalInterface
    interface FieldVisitor {
        void field(int number, int start, int length);
    }

    private ProtoReader() {
    }

    static void forEach(byte[] data, int start, int end, FieldVisitor visitor) {
        int[] pos = {start};
        while (pos[0] < end) {
            long tag = varint(data, pos);
            int number = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (wire) {
                case VARINT -> varint(data, pos);
                case FIXED64 -> pos[0] += Long.BYTES;
                case LENGTH_DELIMITED -> {
                    int length = (int) varint(data, pos);
                    visitor.field(number, pos[0], length);
                    pos[0] += length;
                }
                case FIXED32 -> {
                    visitor.field(number, pos[0], Integer.BYTES);
                    pos[0] += Integer.BYTES;
                }
                default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wire + " at " + pos[0]);
            }
        }
    }

    private static long varint(byte[] data, int[] pos) {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = data[pos[0]++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
    }
}
