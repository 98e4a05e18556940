using System.IO.Hashing;

namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// The bytes of one zip record, checked against the CRC-32 the archive lists for it. The read that delivers the
/// last wanted byte also hashes any rest of the record and compares, so a caller never reaches the end of a
/// corrupt record without a <see cref="PyTorchCheckpointException"/> naming it. PyTorch itself skips this check
/// and loads bit-flipped files silently.
/// </summary>
internal sealed class ChecksummedRecordStream : Stream
{
    // Reads are cut to this size so each piece is hashed while it is still in the CPU cache: hashing a whole
    // multi-megabyte storage after copying it reads it from memory a second time.
    private const int Chunk = 1 << 18;
    private readonly Stream record;
    private readonly string file;
    private readonly string name;
    private readonly long recordLength;
    private readonly long wantedLength;
    private readonly uint expectedCrc;
    private readonly Crc32 crc = new();
    private long delivered;
    private bool verified;

    /// <param name="record">The record's stream (as <c>ZipArchiveEntry.Open</c> gives it); owned by this stream.</param>
    /// <param name="wantedLength">How many leading bytes the caller reads; the rest of the record is only hashed.</param>
    public ChecksummedRecordStream(Stream record, string file, string name, long recordLength, long wantedLength, uint expectedCrc)
    {
        if (wantedLength < 0 || wantedLength > recordLength) throw new ArgumentOutOfRangeException(nameof(wantedLength));
        this.record = record;
        this.file = file;
        this.name = name;
        this.recordLength = recordLength;
        this.wantedLength = wantedLength;
        this.expectedCrc = expectedCrc;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => wantedLength;
    public override long Position { get => delivered; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (delivered == wantedLength)
        {
            Verify();
            return 0;
        }
        var target = buffer[..(int)Math.Min(Math.Min(buffer.Length, Chunk), wantedLength - delivered)];
        if (target.IsEmpty) return 0;
        int read = record.Read(target);
        if (read == 0) throw Truncated();
        crc.Append(target[..read]);
        delivered += read;
        if (delivered == wantedLength) Verify();
        return read;
    }

    /// <summary>Hashes the part of the record nobody reads and compares the checksum (once).</summary>
    private void Verify()
    {
        if (verified) return;
        long rest = recordLength - wantedLength;
        if (rest > 0)
        {
            var chunk = new byte[(int)Math.Min(rest, Chunk)];
            while (rest > 0)
            {
                int read = record.Read(chunk, 0, (int)Math.Min(rest, chunk.Length));
                if (read == 0) throw Truncated();
                crc.Append(chunk.AsSpan(0, read));
                rest -= read;
            }
        }
        uint actual = crc.GetCurrentHashAsUInt32();
        if (actual != expectedCrc)
            throw new PyTorchCheckpointException(file,
                $"the record '{name}' fails its CRC-32 check (the archive lists 0x{expectedCrc:x8}, its bytes give 0x{actual:x8}): the file is corrupt (bit flips, a bad copy or a partial download).");
        verified = true;
    }

    private PyTorchCheckpointException Truncated() =>
        new(file, $"the record '{name}' ends after {delivered} of its {recordLength} bytes: the file is truncated or its zip directory lies.");

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) record.Dispose();
        base.Dispose(disposing);
    }
}
