namespace MlNetResNet.Training;

/// <summary>One file of a committed checkpoint.</summary>
internal sealed record CheckpointFileEntry(string Name, long Bytes, string Sha256);
