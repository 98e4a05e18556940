using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Transforms.Onnx;

namespace MlNetResNet;

/// <summary>
/// ONNX Runtime's default session options, except that idle intra-op threads sleep instead of spinning between parallel
/// sections. Scores do not change. On a machine whose cores are busy with other work (other processes, image decoding)
/// spinning threads hold cores they do not use; docs/BENCHMARKS.md has the measurements.
/// </summary>
public static class SleepingOnnxThreads
{
    /// <summary>ONNX Runtime's session configuration key (onnxruntime_session_options_config_keys.h); "1", spinning, is its default.</summary>
    public const string AllowSpinningKey = "session.intra_op.allow_spinning";

    /// <summary>New session options with spinning off; the caller disposes them (ML.NET does, for <see cref="UseForLoadedModels"/>).</summary>
    public static SessionOptions CreateSessionOptions()
    {
        var options = new SessionOptions();
        options.AddSessionConfigEntry(AllowSpinningKey, "0");
        return options;
    }

    /// <summary>
    /// Makes every ONNX Runtime session ML.NET creates in <paramref name="mlContext"/> from now on (<c>Model.Load</c> of a
    /// model.zip, <c>ApplyOnnxModel</c>) use <see cref="CreateSessionOptions"/>. model.zip cannot carry session options;
    /// this is ML.NET's own per-context hook (<c>SetOnnxSessionOption</c>).
    /// </summary>
    public static void UseForLoadedModels(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        mlContext.SetOnnxSessionOption(new OnnxSessionOptions { CreateSessionOptions = CreateSessionOptions });
    }
}
