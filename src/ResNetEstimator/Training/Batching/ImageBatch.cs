using TorchSharp;
using static TorchSharp.torch;

namespace MlNetResNet.Training.Batching;

/// <summary>
/// One reusable batch buffer: a native float tensor [capacity, 3, S, S] and an int64 label tensor that worker
/// threads write into directly, so building a batch allocates nothing and hands libtorch its input without a copy.
/// </summary>
internal sealed unsafe class ImageBatch : IDisposable
{
    private readonly float* pixels;
    private readonly long* labels;
    private readonly int sampleFloats;

    public ImageBatch(int capacity, int imageSize, bool pinMemory)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A batch holds at least one image.");
        Capacity = capacity;
        ImageSize = imageSize;
        sampleFloats = 3 * imageSize * imageSize;
        Images = AllocateLongLived(empty(new long[] { capacity, 3, imageSize, imageSize }, ScalarType.Float32), pinMemory);
        Labels = AllocateLongLived(empty(new long[] { capacity }, ScalarType.Int64), pinMemory);
        // The storage of a CPU tensor never moves, so the pointers stay valid until Dispose.
        fixed (byte* imageBytes = Images.bytes) pixels = (float*)imageBytes;
        fixed (byte* labelBytes = Labels.bytes) labels = (long*)labelBytes;
        SampleIndices = new int[capacity];
        Filled = new bool[capacity];
    }

    public int Capacity { get; }

    public int ImageSize { get; }

    /// <summary>The full buffer; only the first <see cref="Count"/> images are this batch.</summary>
    public Tensor Images { get; }

    /// <summary>The full label buffer; only the first <see cref="Count"/> entries are this batch.</summary>
    public Tensor Labels { get; }

    /// <summary>Images filled in this round.</summary>
    public int Count { get; set; }

    /// <summary>Zero-based batch number within the epoch.</summary>
    public int BatchIndex { get; set; }

    /// <summary>Source index of each filled position.</summary>
    public int[] SampleIndices { get; }

    /// <summary>Per position: whether its sample was written (false when skipped as invalid).</summary>
    public bool[] Filled { get; }

    /// <summary>The [3, S, S] floats of one position, for a worker to write.</summary>
    public Span<float> ImageAt(int position)
    {
        if ((uint)position >= (uint)Capacity) throw new ArgumentOutOfRangeException(nameof(position));
        return new Span<float>(pixels + (long)position * sampleFloats, sampleFloats);
    }

    public void SetLabel(int position, long label)
    {
        if ((uint)position >= (uint)Capacity) throw new ArgumentOutOfRangeException(nameof(position));
        labels[position] = label;
    }

    public long LabelAt(int position) => labels[position];

    /// <summary>Moves position <paramref name="from"/> down to <paramref name="to"/> (closing the gap a skipped image left).</summary>
    public void Move(int from, int to)
    {
        ImageAt(from).CopyTo(ImageAt(to));
        labels[to] = labels[from];
        SampleIndices[to] = SampleIndices[from];
    }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }

    // Buffers live across many steps, so they must not belong to whatever dispose scope is open now.
    private static Tensor AllocateLongLived(Tensor tensor, bool pinMemory)
    {
        if (!pinMemory) return tensor.DetachFromDisposeScope();
        var pinned = tensor.pin_memory().DetachFromDisposeScope();
        tensor.Dispose();
        return pinned;
    }
}
