using Microsoft.ML;

namespace MlNetResNet;

/// <summary>What <see cref="ImageDataGuard.Screen"/> returns: the rows whose file was accepted, and the refused ones.</summary>
/// <param name="Data">The input without the refused rows (same schema; the rows stream from the input).</param>
/// <param name="Refused">The refused rows, in row order, each with its reason.</param>
public sealed record ScreenedImageData(IDataView Data, IReadOnlyList<RefusedImageRow> Refused);
