namespace MlNetResNet.Imaging.FileGuard;

/// <summary>What a format check read from a file's structure: the size the decoders will allocate, and the frames.</summary>
internal readonly record struct ImageHeaderFacts(int Width, int Height, int FrameCount);
