using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ML;
using MlNetResNet.Storage;

namespace MlNetResNet;

/// <summary>
/// The training summary (class names, architecture, best epoch, per-epoch history, resolved Auto choices) as one extra
/// JSON entry in model.zip. <c>mlContext.Model.Save</c> offers a third-party transformer no public way to add an entry
/// (ModelSaveContext's writers are internal), so it is added to the saved file afterwards; ML.NET's loader reads only
/// the entries it names, so <c>mlContext.Model.Load</c> ignores this one (tested with an app that references only ML.NET).
/// </summary>
public static class TrainingSummaryEntry
{
    /// <summary>Name of the entry inside model.zip.</summary>
    public const string EntryName = "MlNetResNet/TrainingSummary.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Without validation an epoch's macro accuracy is NaN.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// Adds the summary of the (first) ResNet classifier in <paramref name="model"/> to the model.zip at
    /// <paramref name="modelPath"/>, written before by <c>mlContext.Model.Save(model, …)</c>. The file is replaced
    /// atomically (temporary copy, then rename); an entry already there is replaced.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="model"/> holds no fitted ResNet classifier (a loaded model has none).</exception>
    public static void Write(string modelPath, ITransformer model)
    {
        var classifier = ResNetClassifierTransformer.Find(model)
            ?? throw new ArgumentException("The model holds no ResNetClassifierTransformer (a model loaded from model.zip has none).", nameof(model));
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"Model file '{modelPath}' does not exist.", modelPath);
        DurableFile.Replace(modelPath, temporary =>
        {
            File.Copy(modelPath, temporary);
            AddTo(temporary, classifier);
        });
    }

    /// <summary>Reads the summary from a model.zip written with <see cref="Write"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a zip, or it holds no (readable) training summary.</exception>
    public static SavedTrainingSummary Read(string modelPath)
    {
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"Model file '{modelPath}' does not exist.", modelPath);
        using var zip = ZipFile.OpenRead(modelPath);
        var entry = zip.GetEntry(EntryName)
            ?? throw new InvalidDataException(
                $"Model file '{modelPath}' has no '{EntryName}' entry: it was saved without TrainingSummaryEntry.Write " +
                "(class names are still the slot names of its score column).");
        using var stream = entry.Open();
        try
        {
            return JsonSerializer.Deserialize<SavedTrainingSummary>(stream, Json)
                ?? throw new InvalidDataException($"Entry '{EntryName}' of '{modelPath}' is empty.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"Entry '{EntryName}' of '{modelPath}' is not a training summary: {error.Message}", error);
        }
    }

    /// <summary>Adds (or replaces) the entry in a zip that nothing else has open; the caller makes the write durable.</summary>
    internal static void AddTo(string zipPath, ResNetClassifierTransformer classifier)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update);
        zip.GetEntry(EntryName)?.Delete();
        using var stream = zip.CreateEntry(EntryName, CompressionLevel.Optimal).Open();
        JsonSerializer.Serialize(stream, classifier.Summary(), Json);
    }
}
