namespace MlNetResNet.Training.Recipe;

/// <summary>
/// How one batch is mixed: Mixup blends the whole images by <see cref="Lambda"/>; CutMix pastes <see cref="Box"/> from
/// the partner image, and <see cref="Lambda"/> is then the share of the image left uncovered.
/// </summary>
internal readonly record struct MixDraw(bool CutMix, double Lambda, (int Top, int Left, int Height, int Width) Box);
