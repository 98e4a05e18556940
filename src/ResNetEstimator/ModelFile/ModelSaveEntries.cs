using System.Runtime.CompilerServices;
using Microsoft.ML;

namespace MlNetResNet.ModelFile;

/// <summary>
/// Writes an extra entry into the model.zip folder that ML.NET is saving a transformer into. ML.NET 5 keeps
/// <c>ModelSaveContext.SaveBinaryStream</c> internal (its own OnnxTransformer stores its graph with it), so it is
/// reached with an <see cref="UnsafeAccessorAttribute"/>: a missing method fails the save with
/// <see cref="MissingMethodException"/>, never silently. ML.NET's loaders open only the entries they know, so
/// <c>Model.Load</c> in an app without this library skips ours (tests/ModelConsumer checks it).
/// </summary>
internal static class ModelSaveEntries
{
    /// <summary>Writes <paramref name="bytes"/> as entry <paramref name="name"/> beside the transformer's own entries.</summary>
    public static void Write(ModelSaveContext context, string name, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        SaveBinaryStream(context, name, writer => writer.Write(bytes));
    }

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "SaveBinaryStream")]
    private static extern void SaveBinaryStream(ModelSaveContext context, string name, Action<BinaryWriter> action);
}
