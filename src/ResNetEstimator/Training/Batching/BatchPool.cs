using System.Collections.Concurrent;

namespace MlNetResNet.Training.Batching;

/// <summary>
/// The few batch buffers of a training run: one being computed on, the rest being filled ahead. Their number
/// bounds how far the data pipeline runs ahead of compute, and memory stays the same from epoch to epoch.
/// </summary>
internal sealed class BatchPool : IDisposable
{
    private readonly ImageBatch[] all;
    private readonly BlockingCollection<ImageBatch> free = new();

    public BatchPool(int buffers, int batchSize, int imageSize, bool pinMemory)
    {
        if (buffers < 2) throw new ArgumentOutOfRangeException(nameof(buffers), buffers, "Overlap needs at least two buffers.");
        all = new ImageBatch[buffers];
        for (int i = 0; i < buffers; i++)
        {
            all[i] = new ImageBatch(batchSize, imageSize, pinMemory);
            free.Add(all[i]);
        }
    }

    public int BatchSize => all[0].Capacity;

    /// <summary>Waits for a free buffer.</summary>
    /// <exception cref="OperationCanceledException">The token fired while waiting.</exception>
    public ImageBatch Rent(CancellationToken token) => free.Take(token);

    public void Return(ImageBatch batch) => free.Add(batch);

    /// <summary>True when every buffer is back (no pipeline still holds one).</summary>
    public bool AllReturned => free.Count == all.Length;

    public void Dispose()
    {
        foreach (var batch in all) batch.Dispose();
        free.Dispose();
    }
}
