using System.Globalization;
using System.Numerics;
using System.Text;
using FaceMesh.Blendshapes;
using FaceMesh.Geometry;
using FaceMesh.Media.Files;

namespace FaceMesh.Cli.Output;

/// <summary>
/// Writes a take in the CSV layout of Epic's Live Link Face app (ARKit blendshapes), which Unreal,
/// Blender add-ons and Maya importers read: a header <c>Timecode,BlendShapeCount,EyeBlinkLeft,…,
/// TongueOut,HeadYaw,HeadPitch,HeadRoll,LeftEyeYaw,…,RightEyeRoll</c> (ARKit's 52 blendshapes in
/// ARKit's order, then head and eye rotations: 61 values, the count each row states), and one row
/// per frame. The first face of each frame is written; a frame without a face repeats the last
/// values so the take stays continuous. Timecode is <c>HH:MM:SS:FF.mmm</c> (frame number within
/// the second at the take's frame rate, then the fraction of a frame), counted from the first frame.
/// </summary>
/// <remarks>
/// Blendshapes are MediaPipe's scores (0..1; tongueOut, which MediaPipe does not have, is 0).
/// Rotations are in radians: HeadYaw positive when the face turns towards the subject's left,
/// HeadPitch positive when it tilts down, HeadRoll positive when it tilts towards the subject's
/// right shoulder (the pose of <see cref="FaceGeometry.PoseTransform"/>, as yaw·pitch·roll about
/// y, x, z); eye yaw and pitch follow the eyeLook scores, 1 = <see cref="FullGazeRadians"/>, and eye
/// roll is 0. Allocates nothing per frame after the first.
/// </remarks>
internal sealed class LiveLinkCsvWriter : IDisposable
{
    /// <summary>Eye rotation a full eyeLook score stands for (30°).</summary>
    public const float FullGazeRadians = MathF.PI / 6;

    /// <summary>Live Link Face's blendshape columns, ARKit's order (the enum names of <see cref="Blendshape"/> plus TongueOut).</summary>
    public static readonly IReadOnlyList<string> BlendshapeColumns =
    [
        "EyeBlinkLeft", "EyeLookDownLeft", "EyeLookInLeft", "EyeLookOutLeft", "EyeLookUpLeft", "EyeSquintLeft", "EyeWideLeft",
        "EyeBlinkRight", "EyeLookDownRight", "EyeLookInRight", "EyeLookOutRight", "EyeLookUpRight", "EyeSquintRight", "EyeWideRight",
        "JawForward", "JawLeft", "JawRight", "JawOpen",
        "MouthClose", "MouthFunnel", "MouthPucker", "MouthLeft", "MouthRight", "MouthSmileLeft", "MouthSmileRight",
        "MouthFrownLeft", "MouthFrownRight", "MouthDimpleLeft", "MouthDimpleRight", "MouthStretchLeft", "MouthStretchRight",
        "MouthRollLower", "MouthRollUpper", "MouthShrugLower", "MouthShrugUpper", "MouthPressLeft", "MouthPressRight",
        "MouthLowerDownLeft", "MouthLowerDownRight", "MouthUpperUpLeft", "MouthUpperUpRight",
        "BrowDownLeft", "BrowDownRight", "BrowInnerUp", "BrowOuterUpLeft", "BrowOuterUpRight",
        "CheekPuff", "CheekSquintLeft", "CheekSquintRight", "NoseSneerLeft", "NoseSneerRight", "TongueOut",
    ];

    /// <summary>The rotation columns after the blendshapes.</summary>
    public static readonly IReadOnlyList<string> RotationColumns =
        ["HeadYaw", "HeadPitch", "HeadRoll", "LeftEyeYaw", "LeftEyePitch", "LeftEyeRoll", "RightEyeYaw", "RightEyePitch", "RightEyeRoll"];

    private static readonly int[] MediaPipeIndexOfColumn = MapColumns();

    private readonly TextWriter _writer;
    private OutputFile? _file;
    private readonly double _framesPerSecond;
    private readonly float[] _values = new float[BlendshapeColumns.Count + RotationColumns.Count];
    private readonly char[] _number = new char[32];
    private double? _startMs;

    /// <param name="writer">Where the CSV goes; disposed with this writer.</param>
    /// <param name="framesPerSecond">The take's frame rate, for the timecode's frame field.</param>
    public LiveLinkCsvWriter(TextWriter writer, double framesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!(framesPerSecond > 0) || double.IsInfinity(framesPerSecond))
            throw new ArgumentOutOfRangeException(nameof(framesPerSecond), framesPerSecond, "The frame rate must be positive.");
        _writer = writer;
        _framesPerSecond = framesPerSecond;
        _writer.Write("Timecode,BlendShapeCount");
        foreach (string column in BlendshapeColumns) { _writer.Write(','); _writer.Write(column); }
        foreach (string column in RotationColumns) { _writer.Write(','); _writer.Write(column); }
        _writer.Write('\n');
    }

    /// <summary>
    /// Writes a take to <paramref name="path"/> under a temporary name; <see cref="Commit"/> moves it
    /// into place, and disposing without it leaves whatever was at the path untouched.
    /// </summary>
    public static LiveLinkCsvWriter Create(string path, double framesPerSecond)
    {
        OutputFile file = OutputFile.Begin(path);
        try
        {
            return new(new StreamWriter(file.WritePath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)), framesPerSecond)
            {
                _file = file,
            };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Finishes the file and moves it into place (a take made by <see cref="Create"/>).</summary>
    public void Commit()
    {
        _writer.Flush();
        _writer.Dispose();
        _file?.Commit();
    }

    /// <summary>Appends one frame: the first face of <paramref name="result"/> (or the previous values when it has none).</summary>
    public void WriteFrame(double timestampMs, FaceLandmarkerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Face? face = result.Faces.Count > 0 ? result.Faces[0] : null;
        WriteFrame(timestampMs, face?.Blendshapes, face?.Geometry);
    }

    /// <summary>Appends one frame from scores and a pose; a null one keeps its previous values.</summary>
    public void WriteFrame(double timestampMs, FaceBlendshapes? blendshapes, FaceGeometry? geometry)
    {
        _startMs ??= timestampMs;
        if (blendshapes is not null) FillBlendshapes(blendshapes);
        if (geometry is not null) FillHeadRotation(geometry.PoseTransform);
        WriteTimecode(timestampMs - _startMs.Value);
        _writer.Write(',');
        WriteInt(_values.Length);
        foreach (float value in _values)
        {
            _writer.Write(',');
            value.TryFormat(_number, out int written, "0.######", CultureInfo.InvariantCulture);
            _writer.Write(_number, 0, written);
        }
        _writer.Write('\n');
    }

    public void Dispose()
    {
        _writer.Dispose();
        _file?.Dispose();
    }

    private void FillBlendshapes(FaceBlendshapes blendshapes)
    {
        for (int c = 0; c < MediaPipeIndexOfColumn.Length; c++)
            _values[c] = MediaPipeIndexOfColumn[c] >= 0 ? blendshapes[MediaPipeIndexOfColumn[c]] : 0f;
        int eyes = BlendshapeColumns.Count + 3;
        _values[eyes] = Gaze(blendshapes, Blendshape.EyeLookOutLeft, Blendshape.EyeLookInLeft);
        _values[eyes + 1] = Gaze(blendshapes, Blendshape.EyeLookDownLeft, Blendshape.EyeLookUpLeft);
        _values[eyes + 3] = Gaze(blendshapes, Blendshape.EyeLookInRight, Blendshape.EyeLookOutRight);
        _values[eyes + 4] = Gaze(blendshapes, Blendshape.EyeLookDownRight, Blendshape.EyeLookUpRight);
    }

    // Eye yaw positive towards the subject's left, as the head's; pitch positive looking down.
    private static float Gaze(FaceBlendshapes b, Blendshape positive, Blendshape negative) => (b[positive] - b[negative]) * FullGazeRadians;

    private void FillHeadRotation(Matrix4x4 pose)
    {
        // Row-vector matrix: rows are the model axes in camera space; remove the (uniform) scale.
        var x = Vector3.Normalize(new Vector3(pose.M11, pose.M12, pose.M13));
        var y = Vector3.Normalize(new Vector3(pose.M21, pose.M22, pose.M23));
        var z = Vector3.Normalize(new Vector3(pose.M31, pose.M32, pose.M33));
        // R = Ry(yaw)·Rx(pitch)·Rz(roll) in column-vector form; columns x, y, z as above.
        float pitch = MathF.Asin(Math.Clamp(-z.Y, -1f, 1f));
        float yaw = MathF.Atan2(z.X, z.Z);
        float roll = MathF.Atan2(x.Y, y.Y);
        int head = BlendshapeColumns.Count;
        _values[head] = yaw;
        _values[head + 1] = pitch;
        _values[head + 2] = roll;
    }

    private void WriteTimecode(double elapsedMs)
    {
        double seconds = Math.Max(0, elapsedMs) / 1000.0;
        long whole = (long)Math.Floor(seconds);
        double frames = (seconds - whole) * _framesPerSecond;
        long frame = (long)Math.Floor(frames);
        int thousandths = (int)Math.Round((frames - frame) * 1000);
        if (thousandths == 1000) { frame++; thousandths = 0; }
        WriteTwoDigits(whole / 3600);
        _writer.Write(':');
        WriteTwoDigits(whole / 60 % 60);
        _writer.Write(':');
        WriteTwoDigits(whole % 60);
        _writer.Write(':');
        WriteTwoDigits(frame);
        _writer.Write('.');
        thousandths.TryFormat(_number, out int written, "000", CultureInfo.InvariantCulture);
        _writer.Write(_number, 0, written);
    }

    private void WriteTwoDigits(long value)
    {
        value.TryFormat(_number, out int written, "00", CultureInfo.InvariantCulture);
        _writer.Write(_number, 0, written);
    }

    private void WriteInt(int value)
    {
        value.TryFormat(_number, out int written, provider: CultureInfo.InvariantCulture);
        _writer.Write(_number, 0, written);
    }

    private static int[] MapColumns()
    {
        var map = new int[BlendshapeColumns.Count];
        for (int c = 0; c < map.Length; c++)
            map[c] = FaceBlendshapes.TryParseCategoryName(BlendshapeColumns[c], out Blendshape shape) ? (int)shape : -1;
        return map;
    }
}
