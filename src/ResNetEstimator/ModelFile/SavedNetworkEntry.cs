namespace MlNetResNet.ModelFile;

/// <summary>What a fitted transformer keeps to write the <see cref="NetworkEntries"/>: the <c>.pth</c> bytes and their description.</summary>
internal sealed record SavedNetworkEntry(byte[] Weights, NetworkDescription Description);
