using System.Buffers.Binary;

namespace FaceMesh.Media.Png;

/// <summary>
/// The zlib stream a PNG splits across consecutive IDAT chunks, read in place from the file's
/// bytes (no concatenated copy). <see cref="PngLayout"/> has checked that every chunk of the run
/// lies inside the file.
/// </summary>
internal sealed class PngIdatStream : Stream
{
    private const int ChunkOverhead = 12;
    private readonly ReadOnlyMemory<byte> _file;
    private int _chunk;
    private int _position;
    private int _end;

    public PngIdatStream(ReadOnlyMemory<byte> file, int firstIdat)
    {
        _file = file;
        _chunk = firstIdat;
        EnterChunk();
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_position == _end)
        {
            int next = _end + 4;
            if (next + 8 > _file.Length || !_file.Span.Slice(next + 4, 4).SequenceEqual("IDAT"u8)) return 0;
            _chunk = next;
            EnterChunk();
        }
        int count = Math.Min(buffer.Length, _end - _position);
        _file.Span.Slice(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    private void EnterChunk()
    {
        int length = (int)BinaryPrimitives.ReadUInt32BigEndian(_file.Span[_chunk..]);
        _position = _chunk + 8;
        _end = _position + length;
        if (_end + 4 > _file.Length || length < 0) throw new InvalidDataException("IDAT chunk beyond the end of the file");
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
