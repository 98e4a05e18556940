using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;
using MlNetResNet.Explaining;
using MlNetResNet.Imaging;

namespace MlNetResNet;

/// <summary>
/// Explains a saved model's predictions with Grad-CAM on layer4 (see <see cref="GradCam"/>), using the network that
/// model.zip carries beside its scoring graph (<see cref="SavedNetwork"/>). Images are read as training reads its
/// validation images: decoded, shorter side resized to the model's ResizeSize, center-cropped to its ImageSize,
/// ImageNet-normalised. One instance is not for use from several threads at once.
/// </summary>
public sealed class GradCamExplainer : IDisposable
{
    private readonly SavedNetwork saved;
    private readonly EvaluationPreprocessing preprocessing;

    private GradCamExplainer(SavedNetwork saved)
    {
        this.saved = saved;
        preprocessing = new EvaluationPreprocessing(saved.ResizeSize, saved.ImageSize);
    }

    /// <summary>Class names in the model's score order.</summary>
    public IReadOnlyList<string> ClassNames => saved.ClassNames;

    /// <summary>Loads the network of a model.zip saved by this library.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file carries no network entry (saved by an older version) or a damaged one.</exception>
    public static GradCamExplainer Load(string modelPath) => new(SavedNetwork.Load(modelPath));

    /// <summary>The class an image's folder is named after (an image folder tree's layout), or null when it names none.</summary>
    public string? ClassOfFolder(string imagePath)
    {
        string? folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(imagePath)));
        return folder is not null && ClassNames.Contains(folder) ? folder : null;
    }

    /// <summary>Heatmaps for the predicted class and, when <paramref name="trueClass"/> is given, for that class.</summary>
    /// <exception cref="ArgumentException"><paramref name="trueClass"/> is not one of <see cref="ClassNames"/>.</exception>
    /// <exception cref="InvalidImageException">The file is not a readable image.</exception>
    public GradCamExplanation Explain(string imagePath, string? trueClass = null)
    {
        int? trueIndex = null;
        if (trueClass is not null)
        {
            int index = ClassNames.ToList().IndexOf(trueClass);
            if (index < 0)
                throw new ArgumentException(
                    $"True class '{trueClass}' is not one of the model's classes: {string.Join(", ", ClassNames)}.", nameof(trueClass));
            trueIndex = index;
        }
        using var decoded = ImageDecoder.Decode(imagePath);
        using var crop = preprocessing.Crop(decoded);
        int size = saved.ImageSize;
        var pixels = new float[3 * size * size];
        ImageNetNormalization.WriteChw(crop, pixels);
        using var scope = NewDisposeScope();
        var input = tensor(pixels, [1, 3, size, size]);
        var pass = GradCam.Compute(saved.Network, input, saved.Temperature, trueIndex);
        return new GradCamExplanation(imagePath, size, RgbBytes(crop), ClassNames, pass, trueClass);
    }

    /// <summary>
    /// Writes <c>&lt;image name&gt;.gradcam.png</c> into <paramref name="outputFolder"/>: the crop with the predicted
    /// class's heatmap over it, and beside it the true class's when <paramref name="trueClass"/> is given and differs.
    /// </summary>
    /// <returns>The explanation and the PNG's path.</returns>
    public (GradCamExplanation Explanation, string PngPath) WriteHeatmap(string imagePath, string outputFolder, string? trueClass = null)
    {
        var explanation = Explain(imagePath, trueClass);
        Directory.CreateDirectory(outputFolder);
        string path = Path.Combine(outputFolder, Path.GetFileNameWithoutExtension(imagePath) + ".gradcam.png");
        // Temporary file, flushed, renamed: a crash never leaves half a PNG under the final name.
        Storage.DurableFile.Replace(path, temporary => HeatmapOverlay.WritePng(explanation, temporary));
        return (explanation, path);
    }

    private static byte[] RgbBytes(Image<Rgb24> image)
    {
        var bytes = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(bytes);
        return bytes;
    }

    /// <summary>Releases the network's native tensors.</summary>
    public void Dispose() => saved.Dispose();
}
