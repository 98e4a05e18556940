using Microsoft.ML;
using MlNetResNet.Pipelines;
using MlNetResNet.Pipelines.Synthetic;
using MlNetResNet.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Tests.Scoring;

/// <summary>
/// One model.zip of a one-epoch ResNet-18 at 32 px (resize 37, crop 32 in the graph) on tiny synthetic flowers, and
/// seven images of other sizes, shapes and formats than the training ones, so that resizing and cropping both act.
/// </summary>
public sealed class TinyModelZipFixture : IDisposable
{
    public TinyModelZipFixture()
    {
        string data = Folder.File("flower_data");
        SyntheticFlowerGenerator.Generate(data, new SyntheticFlowerOptions { TrainPerClass = 3, ValidationPerClass = 2, ImageSize = 40 });
        var options = new ResNetClassifierOptions
        {
            Architecture = ResNetArchitecture.ResNet18, Epochs = 1, ImageSize = 32, ResizeSize = 37, BatchSize = 8, Seed = 3,
            NumberOfThreads = 2,
        };
        using (var model = ImageClassificationPipeline.TrainFromFolder(new MLContext(seed: 1), data, options))
            model.Save(ModelPath);
        Validation = TrainingFolders.Resolve(data).Validation;
        ImagePaths = [.. Validation.Rows.Take(3).Select(row => row.ImagePath), .. DrawOddImages()];
    }

    public TempFolder Folder { get; } = new("mlnetresnet-scorer");
    public string ModelPath => Folder.File("model.zip");
    public ImageFolderDataset Validation { get; }

    /// <summary>Three training-style JPEGs, then a wide PNG, a tall JPEG, a tiny BMP and a 37 px square PNG (no resize).</summary>
    public IReadOnlyList<string> ImagePaths { get; }

    public void Dispose() => Folder.Dispose();

    private IEnumerable<string> DrawOddImages()
    {
        (int Width, int Height, string Name)[] shapes = [(61, 29, "wide.png"), (23, 50, "tall.jpg"), (9, 7, "tiny.bmp"), (37, 37, "exact.png")];
        var random = new Random(5);
        foreach (var (width, height, name) in shapes)
        {
            using var image = new Image<Rgb24>(width, height);
            for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)(x * 255 / width), (byte)random.Next(256), (byte)(y * 255 / height));
            string path = Folder.File(name);
            image.Save(path);
            yield return path;
        }
    }
}
