using MlNetResNet.Imaging.Augmentation;
using MlNetResNet.Tests.Support;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Tests.Recipe;

/// <summary>Each TrivialAugmentWide operation against torchvision's functional op with the arguments its <c>_apply_op</c> passes.</summary>
public sealed class TrivialAugmentParityTests : IDisposable
{
    // The cases of PythonScripts/trivial_augment_ops.py, in its order.
    private static readonly (TrivialAugmentOperation Operation, double Magnitude)[] Cases =
    [
        (TrivialAugmentOperation.ShearX, 0.5), (TrivialAugmentOperation.ShearX, -0.3), (TrivialAugmentOperation.ShearY, 0.4),
        (TrivialAugmentOperation.TranslateX, 7), (TrivialAugmentOperation.TranslateY, -5), (TrivialAugmentOperation.Rotate, 30),
        (TrivialAugmentOperation.Rotate, -100), (TrivialAugmentOperation.Brightness, 0.6), (TrivialAugmentOperation.Brightness, -0.5),
        (TrivialAugmentOperation.Color, 0.8), (TrivialAugmentOperation.Color, -0.7), (TrivialAugmentOperation.Contrast, 0.5),
        (TrivialAugmentOperation.Contrast, -0.6), (TrivialAugmentOperation.Sharpness, 0.9), (TrivialAugmentOperation.Sharpness, -0.9),
        (TrivialAugmentOperation.Posterize, 3), (TrivialAugmentOperation.Solarize, 100), (TrivialAugmentOperation.AutoContrast, 0),
        (TrivialAugmentOperation.Equalize, 0),
    ];

    private readonly TempFolder folder = new("mlnetresnet-trivial-augment");

    [Fact]
    public void EveryOperationMatchesTorchvisionOnTheSameImage()
    {
        const int width = 23, height = 17;
        var source = TestPixels(width, height, seed: 3);
        string input = folder.File("image.bin"), output = folder.File("torchvision.bin");
        File.WriteAllBytes(input, source.SelectMany(p => new[] { p.R, p.G, p.B }).ToArray());
        PythonReference.Run("trivial_augment_ops.py", input, height.ToString(), width.ToString(), output);
        var expected = File.ReadAllBytes(output);
        Assert.Equal(Cases.Length * width * height * 3, expected.Length);

        for (int index = 0; index < Cases.Length; index++)
        {
            var (operation, magnitude) = Cases[index];
            var grid = new PixelGrid(width, height);
            source.CopyTo(grid.Pixels, 0);
            TrivialAugmentWide.Apply(grid, operation, magnitude);
            var ours = grid.Pixels.SelectMany(p => new[] { p.R, p.G, p.B }).ToArray();
            var theirs = expected.AsSpan(index * ours.Length, ours.Length).ToArray();
            int differing = ours.Zip(theirs).Count(pair => pair.First != pair.Second);
            int largest = ours.Zip(theirs).Max(pair => Math.Abs(pair.First - pair.Second));
            if (IsGeometric(operation))
                // Nearest-neighbour: a source coordinate exactly half-way between pixels may round the other way in float32.
                Assert.True(differing <= ours.Length / 50, $"{operation} {magnitude}: {differing} of {ours.Length} values differ");
            else
                // Blends truncate float products: one grey level either way.
                Assert.True(largest <= 1, $"{operation} {magnitude}: values differ by up to {largest}");
        }
    }

    internal static Rgb24[] TestPixels(int width, int height, int seed)
    {
        var random = new Random(seed);
        // A gradient with noise: edges for the geometric operations, a spread histogram for the tone ones.
        return Enumerable.Range(0, width * height).Select(i =>
        {
            int x = i % width, y = i / width;
            return new Rgb24((byte)Math.Clamp(x * 9 + random.Next(40), 0, 255), (byte)Math.Clamp(y * 12 + random.Next(40), 0, 255),
                (byte)random.Next(60, 200));
        }).ToArray();
    }

    private static bool IsGeometric(TrivialAugmentOperation operation) => operation is TrivialAugmentOperation.ShearX
        or TrivialAugmentOperation.ShearY or TrivialAugmentOperation.TranslateX or TrivialAugmentOperation.TranslateY
        or TrivialAugmentOperation.Rotate;

    public void Dispose() => folder.Dispose();
}
