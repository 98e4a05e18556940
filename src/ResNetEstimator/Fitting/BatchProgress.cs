namespace MlNetResNet;

/// <summary>Progress inside an epoch, reported after each training batch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Batch">1-based batch number within the epoch.</param>
/// <param name="BatchCount">Batches in the epoch.</param>
/// <param name="Loss">Loss of this batch.</param>
/// <param name="ImagesPerSecond">Throughput so far in this epoch.</param>
public sealed record BatchProgress(int Epoch, int Batch, int BatchCount, double Loss, double ImagesPerSecond);
