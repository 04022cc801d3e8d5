namespace FaceMesh.Media;

/// <summary>
/// Which decoder turns JPEG files into pixels. Decoders round chroma upsampling and colour
/// conversion differently (ffmpeg's differs from libjpeg-turbo by up to 74 levels at colour
/// edges), and landmarks follow the pixels, so the choice is explicit rather than whatever
/// happens to be installed.
/// </summary>
public enum JpegDecoder
{
    /// <summary>
    /// libjpeg-turbo's <c>djpeg</c> (Debian: libjpeg-turbo-progs): the pixels MediaPipe's own
    /// builds see (OpenCV in Python/C++, Chromium in JS). Reading fails with a clear message when
    /// djpeg is not installed. CMYK/YCCK JPEGs, which djpeg cannot convert to RGB, go to ffmpeg.
    /// </summary>
    LibjpegTurbo,

    /// <summary>ffmpeg's own JPEG decoder: no extra tool needed, pixels differ slightly from MediaPipe's.</summary>
    Ffmpeg,
}
