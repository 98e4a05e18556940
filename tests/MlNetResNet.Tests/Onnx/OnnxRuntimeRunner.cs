using Microsoft.ML.OnnxRuntime;

namespace MlNetResNet.Tests.Onnx;

/// <summary>Runs an ONNX model with ONNX Runtime on the CPU (two threads, as the machine has).</summary>
public sealed class OnnxRuntimeRunner : IDisposable
{
    private readonly SessionOptions options;
    private readonly InferenceSession session;

    public OnnxRuntimeRunner(byte[] model)
    {
        options = new SessionOptions { IntraOpNumThreads = 2, InterOpNumThreads = 1 };
        session = new InferenceSession(model, options);
    }

    public OnnxRuntimeRunner(string modelPath)
    {
        options = new SessionOptions { IntraOpNumThreads = 2, InterOpNumThreads = 1 };
        session = new InferenceSession(modelPath, options);
    }

    public InferenceSession Session => session;

    /// <summary>Feeds one float tensor and returns the named outputs as flat float arrays with their shapes.</summary>
    public IReadOnlyDictionary<string, (float[] Values, long[] Shape)> Run(string inputName, float[] input, long[] shape,
        params string[] outputNames)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, new[] { inputName }, new[] { value }, outputNames);
        var result = new Dictionary<string, (float[], long[])>();
        for (int i = 0; i < outputNames.Length; i++)
        {
            var info = outputs[i].GetTensorTypeAndShape();
            float[] values = info.ElementDataType == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64
                ? outputs[i].GetTensorDataAsSpan<long>().ToArray().Select(v => (float)v).ToArray()
                : outputs[i].GetTensorDataAsSpan<float>().ToArray();
            result[outputNames[i]] = (values, info.Shape);
        }
        return result;
    }

    /// <summary>Shortcut for one output.</summary>
    public float[] RunSingle(string inputName, float[] input, long[] shape, string outputName) =>
        Run(inputName, input, shape, outputName)[outputName].Values;

    public void Dispose()
    {
        session.Dispose();
        options.Dispose();
    }
}
